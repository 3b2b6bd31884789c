import { TokensPanel } from '@/components/admin/tokens-panel';
import { UsersPanel } from '@/components/admin/users-panel';
import { RequireAccess } from '@/components/auth/access-context';
import { PageHeader } from '@/components/ui/page-header';

export default function UsersPage() {
  return (
    <>
      <PageHeader title="Users & API Tokens" subtitle="Who may sign in to this console, with which role, and the tokens scripts use." />
      <RequireAccess path="user.list" what="Managing users and tokens">
        <UsersPanel />
        <TokensPanel />
      </RequireAccess>
    </>
  );
}
