/**
 * The cases domain's declared interface to the other domains. Cases are the engine every pack builds on
 * (a case, its people, tasks, events); a pack (immigration, debt advice, ...) or another domain reaches
 * them only through what is exported here, so the insides of this folder can change freely. Hosts and
 * the app layer sit above every domain and may import its modules directly.
 */
export { addCaseEvent } from './events';
export { addTask } from './tasks';
// A pack that opens cases from elsewhere (the CRM pack's won lead, issue 20) opens them as the window does.
export { createCase, type CreateCaseInput } from './cases';
export { addPerson } from './persons';
