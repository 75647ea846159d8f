import type { FeedRow } from './feed-fields';
import { GroupedOutput, VariantGrouper } from './variant-grouper';

const row = (id: string, group?: string): FeedRow => ({ position: `ligne ${id}`, fields: { id, item_group_id: group } });

function describeOutput(out: GroupedOutput[]): string[] {
  return out.map((o) => ('single' in o ? `${o.single.fields.id}${o.late ? '(late)' : ''}` : `${o.groupId}[${o.rows.map((r) => r.fields.id).join(',')}]`));
}

describe('VariantGrouper', () => {
  it('passes ungrouped rows through and gathers a group whose rows are apart', () => {
    const g = new VariantGrouper();
    const out = [row('1', 'G'), row('2'), row('3', 'G'), row('4', 'H')].flatMap((r) => g.push(r));
    expect(describeOutput(out)).toEqual(['2']);
    expect(describeOutput(g.end())).toEqual(['G[1,3]', 'H[4]']);
  });

  it('emits a group once it has not been seen for idleRows rows, so memory stays small', () => {
    const g = new VariantGrouper({ maxBufferedRows: 100, idleRows: 2 });
    const out = [row('1', 'G'), row('2', 'G'), row('3'), row('4')].flatMap((r) => g.push(r));
    expect(describeOutput(out)).toEqual(['3', '4', 'G[1,2]']);
  });

  it('emits the least recently seen group when the buffer is full', () => {
    const g = new VariantGrouper({ maxBufferedRows: 2, idleRows: 1000 });
    const out = [row('1', 'A'), row('2', 'B'), row('3', 'A'), row('4', 'C')].flatMap((r) => g.push(r));
    expect(describeOutput(out)).toEqual(['B[2]', 'A[1,3]']);
    expect(describeOutput(g.end())).toEqual(['C[4]']);
  });

  it('turns a row arriving after its group was emitted into a product of its own', () => {
    const g = new VariantGrouper({ maxBufferedRows: 100, idleRows: 1 });
    const out = [row('1', 'G'), row('2'), row('3', 'G')].flatMap((r) => g.push(r));
    expect(describeOutput(out)).toEqual(['2', 'G[1]', '3(late)']);
  });
});
