import { fetchBlob } from '../../../services/http-client';

/** The bytes of an attachment, fetched with the customer token in the header. */
export const getCustomerAttachment = (origin: string, token: string, url: string) => fetchBlob(url, { origin, token });
