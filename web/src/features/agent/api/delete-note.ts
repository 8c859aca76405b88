import { http } from '../../../services/http-client';

export const deleteNote = (noteId: number) => http.del<unknown>(`/api/v1/notes/${noteId}`);
