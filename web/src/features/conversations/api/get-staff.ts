import type { ApiResponse } from '../../../api/types';
import { http } from '../../../services/http-client';

/** Every staff account (supervisors and admins may list them; agents get 403 and pick "me" instead). */
export const getStaff = () => http.get<ApiResponse<'/api/v1/staff', 'get'>>('/api/v1/staff');
