import { handleApiRequest } from '@/server/api/http-handler';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return handleApiRequest(req);
}

export { handler as GET, handler as POST };
