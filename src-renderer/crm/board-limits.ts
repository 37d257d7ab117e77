/**
 * Cards drawn per board column at first: a board of 5,000 open deals drew every card (8.7 s, drags of up
 * to 1.7 s a frame, `npm run bench -- crm`); the rest come in steps on request. Its own module so the
 * bench can read it without loading the window's code.
 */
export const CARDS_SHOWN = 50;
export const MORE_STEP = 200;
