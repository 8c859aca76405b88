import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const patchNote = (noteId: number, body: string) => http.patch<ApiResponse<'/api/v1/notes/{id}', 'patch'>>(`/api/v1/notes/${noteId}`, { body });
