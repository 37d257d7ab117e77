/**
 * The debt-advice pack's shared part: types, validators and pure logic used by the core
 * (src-main/debt-advice), the CLI and the window alike. Nothing here touches Node or the DOM.
 */
export * from './money';
export * from './frequency';
export * from './sfs';
export * from './priority';
export * from './offers';
export * from './guidelines';
export * from './compliance';
export * from './supervision';
export * from './solutions';
export * from './client';
export * from './dates';
export * from './signoff';
export * from './views';
