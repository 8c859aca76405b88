import type { Note } from '../../../api/types';
import { http } from '../../../services/http-client';

export const patchNote = (noteId: number, body: string) => http.patch<{ note: Note }>(`/api/v1/notes/${noteId}`, { body });
