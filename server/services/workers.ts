import { isAlive, listWorkers, runnableTasks, tasksOnWorkers } from '../store/worker-repository';
import { storeNowMs } from '../store/store-clock';

/**
 * The Workers page: each cluster's workers (host, version, last heartbeat, the tasks each runs now)
 * and the tasks that wait for a worker of their cluster.
 *
 *   listClusters() → [{ cluster: 'default', workers: [{ id: 'w-db7-4121-9f3a', host: 'db7', alive: true, leader: true,
 *                       tasks: [{ id: 'o2k-…', name: 'hr_to_kafka', status: 'Migrating' }], … }], waiting: [] }]
 */
export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  version: string;
  alive: boolean;
  leader: boolean;
  generation: number;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
  tasks: { id: string; name: string; status: string }[];
}

export interface ClusterView {
  cluster: string;
  workers: WorkerView[];
  /** Tasks that should run in this cluster and no worker has picked up. */
  waiting: string[];
}

export async function listClusters(): Promise<ClusterView[]> {
  const [workers, tasks] = await Promise.all([listWorkers(), tasksOnWorkers()]);
  const now = await storeNowMs();
  const byCluster = new Map<string, WorkerView[]>();
  for (const w of workers) {
    const view: WorkerView = {
      id: w.id,
      host: w.host,
      pid: w.pid,
      version: w.version,
      alive: isAlive(w, now),
      leader: w.leader && isAlive(w, now),
      generation: w.generation,
      startedAt: w.startedAt,
      heartbeatAt: w.heartbeatAt,
      stoppedAt: w.stoppedAt,
      tasks: tasks.filter((t) => t.workerId === w.id).map(({ id, name, status }) => ({ id, name, status })),
    };
    byCluster.set(w.cluster, [...(byCluster.get(w.cluster) ?? []), view]);
  }
  const out: ClusterView[] = [];
  for (const [cluster, list] of [...byCluster].sort(([a], [b]) => a.localeCompare(b))) {
    const running = new Set(tasks.map((t) => t.id));
    const waiting = (await runnableTasks(cluster)).map((t) => t.id).filter((id) => !running.has(id));
    // Live workers first, then the ones that stopped or went silent.
    out.push({ cluster, workers: list.sort((a, b) => Number(b.alive) - Number(a.alive) || a.host.localeCompare(b.host) || a.id.localeCompare(b.id)), waiting });
  }
  return out;
}
