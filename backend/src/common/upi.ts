/** A UPI id (virtual payment address): name@handle. The API's inputs and the bot check it alike. */
export const UPI_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}@[A-Za-z][A-Za-z0-9]{1,63}$/;
export const UPI_ID_MESSAGE = 'upiId must look like name@handle (e.g. ravi.kumar@okaxis)';
