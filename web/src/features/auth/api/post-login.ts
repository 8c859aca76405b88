import type { ApiResponse, LoginResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

export function postLogin(username: string, password: string): Promise<LoginResponse> {
  return http.post<ApiResponse<'/api/v1/auth/login', 'post'>>('/api/v1/auth/login', { username, password }, { token: null });
}
