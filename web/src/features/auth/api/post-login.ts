import type { LoginResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export function postLogin(username: string, password: string): Promise<LoginResponse> {
  return http.post<LoginResponse>('/api/v1/auth/login', { username, password }, { token: null });
}
