// Kept free of decorators: the query limits import them, and the admin panel's tests import those.

export const DEFAULT_PER_PAGE = 25;
/** react-admin's export asks for 1,000 rows at once; nothing may ask for more. */
export const MAX_PER_PAGE = 1000;
