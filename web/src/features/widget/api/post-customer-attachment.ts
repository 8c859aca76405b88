import type { ApiResponse } from '../../../api/types';
import { uploadBytes } from '../../../services/http-client';

/** Uploads the raw file; the server reads its type from the bytes. */
export const postCustomerAttachment = (origin: string, token: string, sessionId: number, file: File) =>
  uploadBytes<ApiResponse<'/api/v1/chat/sessions/{id}/attachments', 'post', 201>>(
    `/api/v1/chat/sessions/${sessionId}/attachments?name=${encodeURIComponent(file.name || 'file')}`,
    file,
    { origin, token },
  );
