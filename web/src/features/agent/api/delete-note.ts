import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export const deleteNote = (noteId: number) => http.del<ApiResponse<'/api/v1/notes/{id}', 'delete'>>(`/api/v1/notes/${noteId}`);
