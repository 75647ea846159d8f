import type { FeedRow } from './feed-fields';

export type GroupedOutput = { single: FeedRow; late?: boolean } | { groupId: string; rows: FeedRow[] };

export interface GrouperLimits {
  /** Most variant rows held at once, all groups together. */
  maxBufferedRows: number;
  /** A group not seen for this many rows is taken as complete and emitted. */
  idleRows: number;
}

export const DEFAULT_GROUPER_LIMITS: GrouperLimits = { maxBufferedRows: 20_000, idleRows: 5_000 };

/**
 * Gathers the rows that share an item_group_id into one product without holding the
 * whole feed. Rows without a group id pass straight through. Rows of a group need not
 * be adjacent: a group is kept open until it has not been seen for `idleRows` rows, or
 * until the buffer holds `maxBufferedRows` rows (then the least recently seen group goes
 * first). Exported feeds list variants next to each other, so in practice only a few
 * groups are open at a time. A row that arrives after its group was emitted cannot join
 * it any more: it becomes a product of its own, under its own id (`late`), rather than
 * replacing the group under the same id.
 */
export class VariantGrouper {
  private readonly open = new Map<string, { rows: FeedRow[]; lastSeen: number }>();
  private readonly emitted = new Set<string>();
  private buffered = 0;
  private seen = 0;

  constructor(private readonly limits: GrouperLimits = DEFAULT_GROUPER_LIMITS) {}

  push(row: FeedRow): GroupedOutput[] {
    this.seen++;
    const out: GroupedOutput[] = [];
    const groupId = row.fields.item_group_id?.trim();
    if (!groupId) out.push({ single: row });
    else if (this.emitted.has(groupId)) out.push({ single: row, late: true });
    else {
      const group = this.open.get(groupId) ?? { rows: [], lastSeen: 0 };
      // Re-inserting keeps the map ordered from least to most recently seen.
      this.open.delete(groupId);
      group.rows.push(row);
      group.lastSeen = this.seen;
      this.open.set(groupId, group);
      this.buffered++;
    }
    this.evict(out);
    return out;
  }

  /** The groups still open when the feed ends. */
  end(): GroupedOutput[] {
    const out: GroupedOutput[] = [];
    for (const groupId of [...this.open.keys()]) out.push(this.close(groupId));
    return out;
  }

  private evict(out: GroupedOutput[]): void {
    for (const [groupId, group] of this.open) {
      const idle = this.seen - group.lastSeen >= this.limits.idleRows;
      if (!idle && this.buffered <= this.limits.maxBufferedRows) break;
      out.push(this.close(groupId));
    }
  }

  private close(groupId: string): GroupedOutput {
    const group = this.open.get(groupId)!;
    this.open.delete(groupId);
    this.emitted.add(groupId);
    this.buffered -= group.rows.length;
    return { groupId, rows: group.rows };
  }
}
