/** Licences (issue 15): signed files, leases from a firm's server, and the state they put a vault in. */
export * from './format';
export * from './keys';
export * from './state';
export * from './lease';
