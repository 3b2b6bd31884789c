import { TopicBrowser } from '@/components/tasks/topic-browser';

export const dynamic = 'force-dynamic';

export default async function TaskRecordsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TopicBrowser taskId={id} />;
}
