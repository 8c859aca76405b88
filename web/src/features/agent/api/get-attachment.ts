import { fetchBlob } from '../../../services/http-client';

/** Attachment bytes, fetched with the staff token in the Authorization header. */
export const getAttachment = (url: string) => fetchBlob(url);
