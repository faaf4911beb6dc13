/**
 * What `sync stype` orders (MIPS64 Architecture, Volume II, SYNC): stype 0 (`sync`) is the
 * completion barrier and 0x10 (SYNC_MB) the ordering barrier for all accesses; the lightweight
 * ordering barriers of Release 2 are 0x04 (SYNC_WMB: stores before with stores after), 0x11
 * (SYNC_ACQUIRE: loads before with all after), 0x12 (SYNC_RELEASE: all before with stores
 * after) and 0x13 (SYNC_RMB: loads with loads). Other stypes are implementation-specific or
 * reserved: rejected.
 */
export const SYNC_TAGS = ['SyncPredR', 'SyncPredW', 'SyncSuccR', 'SyncSuccW'] as const;

const ORDERS: Record<number, readonly (typeof SYNC_TAGS)[number][]> = {
  0x00: SYNC_TAGS,
  0x10: SYNC_TAGS,
  0x04: ['SyncPredW', 'SyncSuccW'],
  0x11: ['SyncPredR', 'SyncSuccR', 'SyncSuccW'],
  0x12: ['SyncPredR', 'SyncPredW', 'SyncSuccW'],
  0x13: ['SyncPredR', 'SyncSuccR'],
};

export const isDefinedStype = (stype: number): boolean => Object.hasOwn(ORDERS, stype);

export const syncTags = (stype: number): string[] => [...ORDERS[stype]!];
