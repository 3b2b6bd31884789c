/**
 * The cluster leader's task assignment (run inside the Kafka group protocol, worker-protocol.ts):
 * sticky, balanced by task weight, and cooperative — a task never goes straight from one live
 * worker to another.
 *
 *   members [{ memberId: 'a', owned: ['t1', 't2', 't3'] }, { memberId: 'b', owned: ['t4', 't5', 't6'] }, { memberId: 'c', owned: [] }]
 *   tasks   t1…t6, weight 5 each
 *   → a: tasks [t1, t2], handOver [t3];  b: tasks [t4, t5], handOver [t6];  c: tasks []
 *   (a and b stop t3 and t6 and join again; the next generation gives both to c: 10 / 10 / 10)
 *
 * 1. Sticky: every runnable task stays with the member that runs it (the first one, if two claim it).
 * 2. Tasks nobody runs (new, resumed, or their worker left the group) go, heaviest first, to the
 *    least-loaded member.
 * 3. Balance: while moving one task from the most to the least loaded member makes the pair more
 *    even, the task whose weight is closest to half the gap moves.
 * 4. A task that moved away from a member still running it is withheld for this generation and
 *    listed in that member's handOver; it is assigned once that member has stopped it and rejoined.
 */
export interface AssignorMember {
  memberId: string;
  owned: readonly string[];
}

export interface AssignorTask {
  id: string;
  weight: number;
}

export interface MemberPlan {
  tasks: string[];
  handOver: string[];
}

export function assignTasks(members: readonly AssignorMember[], tasks: readonly AssignorTask[]): Map<string, MemberPlan> {
  const ids = [...new Set(members.map((m) => m.memberId))].sort();
  const out = new Map<string, MemberPlan>(ids.map((id) => [id, { tasks: [], handOver: [] }]));
  if (ids.length === 0) return out;
  const weight = new Map(tasks.map((t) => [t.id, Math.max(1, t.weight)]));

  const owner = new Map<string, string>();
  for (const id of ids) {
    for (const m of members.filter((x) => x.memberId === id)) {
      for (const t of m.owned) if (weight.has(t) && !owner.has(t)) owner.set(t, id);
    }
  }
  const target = new Map(owner);
  const load = new Map(ids.map((id) => [id, 0]));
  for (const [t, m] of target) load.set(m, load.get(m)! + weight.get(t)!);
  const count = (m: string) => [...target.values()].filter((x) => x === m).length;
  const lightest = () => ids.reduce((best, m) => (load.get(m)! < load.get(best)! || (load.get(m) === load.get(best) && count(m) < count(best)) ? m : best));
  const heaviest = () => ids.reduce((best, m) => (load.get(m)! > load.get(best)! || (load.get(m) === load.get(best) && count(m) > count(best)) ? m : best));

  const unowned = [...weight.keys()].filter((t) => !target.has(t)).sort((a, b) => weight.get(b)! - weight.get(a)! || a.localeCompare(b));
  for (const t of unowned) {
    const m = lightest();
    target.set(t, m);
    load.set(m, load.get(m)! + weight.get(t)!);
  }

  for (let i = 0; i < weight.size * ids.length; i++) {
    const hi = heaviest();
    const lo = lightest();
    const gap = load.get(hi)! - load.get(lo)!;
    const candidates = [...target].filter(([t, m]) => m === hi && weight.get(t)! < gap).map(([t]) => t);
    if (hi === lo || candidates.length === 0) break;
    candidates.sort((a, b) => Math.abs(weight.get(a)! - gap / 2) - Math.abs(weight.get(b)! - gap / 2) || weight.get(a)! - weight.get(b)! || a.localeCompare(b));
    const t = candidates[0]!;
    target.set(t, lo);
    load.set(hi, load.get(hi)! - weight.get(t)!);
    load.set(lo, load.get(lo)! + weight.get(t)!);
  }

  for (const [t, m] of target) {
    const from = owner.get(t);
    if (from === undefined || from === m) out.get(m)!.tasks.push(t);
    else out.get(from)!.handOver.push(t);
  }
  for (const plan of out.values()) {
    plan.tasks.sort();
    plan.handOver.sort();
  }
  return out;
}
