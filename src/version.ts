/** Sent as the User-Agent of every request; a unit test keeps it equal to package.json. */
export const PACKAGE_NAME = 'commercelayer-imports';
export const PACKAGE_VERSION = '0.1.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
