import { describe, expect, it } from 'vitest';
import { assignTasks, type AssignorMember, type AssignorTask } from './assignor';

const tasks = (n: number, weight = 5): AssignorTask[] => Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, weight }));
const plan = (members: AssignorMember[], ts: AssignorTask[]) => Object.fromEntries(assignTasks(members, ts));
const loadOf = (ids: string[], ts: AssignorTask[]) => ids.reduce((n, id) => n + ts.find((t) => t.id === id)!.weight, 0);

/** Runs generations until nobody hands anything over: each member then owns what it was given. */
function settle(members: AssignorMember[], ts: AssignorTask[], max = 5): { rounds: number; owned: Record<string, string[]> } {
  let current = members;
  for (let round = 1; round <= max; round++) {
    const p = assignTasks(current, ts);
    current = current.map((m) => ({ memberId: m.memberId, owned: p.get(m.memberId)!.tasks }));
    if ([...p.values()].every((x) => x.handOver.length === 0)) return { rounds: round, owned: Object.fromEntries(current.map((m) => [m.memberId, [...m.owned]])) };
  }
  throw new Error('did not settle');
}

describe('the cluster assignor', () => {
  it('spreads new tasks evenly over new members', () => {
    const p = plan([{ memberId: 'a', owned: [] }, { memberId: 'b', owned: [] }, { memberId: 'c', owned: [] }], tasks(6));
    expect(Object.values(p).map((x) => x.tasks.length)).toEqual([2, 2, 2]);
    expect(Object.values(p).flatMap((x) => x.tasks).sort()).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    expect(Object.values(p).every((x) => x.handOver.length === 0)).toBe(true);
  });

  it('is sticky: a balanced cluster keeps every task where it runs', () => {
    const members = [{ memberId: 'a', owned: ['t1', 't4'] }, { memberId: 'b', owned: ['t2', 't5'] }, { memberId: 'c', owned: ['t3', 't6'] }];
    expect(plan(members, tasks(6))).toEqual({ a: { tasks: ['t1', 't4'], handOver: [] }, b: { tasks: ['t2', 't5'], handOver: [] }, c: { tasks: ['t3', 't6'], handOver: [] } });
  });

  it('leaves a lone task with its worker when a second one joins, whichever member id sorts first', () => {
    // Moving it would only swap which member is idle; the cluster test of a frozen worker relies on this.
    for (const [owner, joiner] of [['a', 'b'], ['b', 'a']] as const) {
      const p = plan([{ memberId: owner, owned: ['t1'] }, { memberId: joiner, owned: [] }], tasks(1));
      expect(p[owner], owner).toEqual({ tasks: ['t1'], handOver: [] });
      expect(p[joiner], joiner).toEqual({ tasks: [], handOver: [] });
    }
  });

  it("gives a departed member's tasks to the others at once, keeping theirs", () => {
    const p = plan([{ memberId: 'a', owned: ['t1', 't4'] }, { memberId: 'c', owned: ['t3', 't6'] }], tasks(6));
    expect(p.a!.tasks).toEqual(expect.arrayContaining(['t1', 't4']));
    expect(p.c!.tasks).toEqual(expect.arrayContaining(['t3', 't6']));
    expect([...p.a!.tasks, ...p.c!.tasks].sort()).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    expect(p.a!.tasks).toHaveLength(3);
  });

  it('hands tasks over to a member that joins (never straight from one live member to another), then settles balanced', () => {
    const members = [{ memberId: 'a', owned: ['t1', 't2', 't3'] }, { memberId: 'b', owned: ['t4', 't5', 't6'] }, { memberId: 'c', owned: [] }];
    const first = plan(members, tasks(6));
    for (const m of ['a', 'b']) {
      expect(first[m]!.tasks, m).toHaveLength(2);
      expect(first[m]!.handOver, m).toHaveLength(1);
      expect([...first[m]!.tasks, ...first[m]!.handOver].sort(), m).toEqual([...members.find((x) => x.memberId === m)!.owned].sort());
    }
    expect(first.c).toEqual({ tasks: [], handOver: [] });
    const { rounds, owned } = settle(members, tasks(6));
    expect(rounds).toBe(2);
    expect(Object.values(owned).map((o) => o.length)).toEqual([2, 2, 2]);
  });

  it('balances by weight: one xlarge task weighs as much as eight medium ones', () => {
    const ts = [{ id: 'big', weight: 40 }, ...tasks(8, 5)];
    const { owned } = settle([{ memberId: 'a', owned: [] }, { memberId: 'b', owned: [] }], ts);
    expect(loadOf(owned.a!, ts)).toBe(40);
    expect(loadOf(owned.b!, ts)).toBe(40);
  });

  it('keeps a task claimed by two members with the first one only, and drops tasks that should not run', () => {
    const p = plan([{ memberId: 'b', owned: ['t1', 'gone'] }, { memberId: 'a', owned: ['t1'] }], tasks(2));
    expect(p.a!.tasks).toContain('t1');
    expect(p.b!.tasks).not.toContain('t1');
    expect([...p.a!.tasks, ...p.b!.tasks, ...p.a!.handOver, ...p.b!.handOver]).not.toContain('gone');
  });

  it('assigns nothing without members, and nothing to anyone without tasks', () => {
    expect(assignTasks([], tasks(3)).size).toBe(0);
    expect(plan([{ memberId: 'a', owned: ['t1'] }], [])).toEqual({ a: { tasks: [], handOver: [] } });
  });
});
