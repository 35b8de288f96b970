/**
 * Why a response was flagged, one bit per rule, stored in responses.flag_reasons (migration
 * 017); responses.flagged is 1 exactly when it is not 0. A response may break several rules.
 * The bits are part of the stored data: never renumber one, only add.
 */
export const FLAG_RULES = {
  /** The hidden field a person leaves empty was filled in. */
  honeypot: 1,
  /** The same device (cookie) answered again at the same counter within the interval. */
  device_interval: 2,
  /** More responses than the sliding window allows from one address (IPv6: its /64) at one counter. */
  address_window: 4,
  /** Over the daily cap from one address at one counter. */
  address_daily: 8,
  /** A submission id the server did not issue: invented, forged or from before 017. */
  sid_unsigned: 16,
  /** Sent sooner after the form was issued than a person can answer. */
  sid_fresh: 32,
  /** Sent longer after the form was issued than the configured hours. */
  sid_stale: 64,
  /** The submission id was issued to another device (cookie). */
  sid_device: 128,
  /** Sent without the device cookie that the survey page sets. */
  no_device: 256,
  /** Flagged before the reasons were stored (migration 017): the rule is not known. */
  earlier: 1 << 15,
} as const;
export type FlagRule = keyof typeof FLAG_RULES;

/** The rules in the order the dashboard lists them. */
export const FLAG_RULE_NAMES = Object.keys(FLAG_RULES) as FlagRule[];

/**
 * The submission id was not issued to the device that sends it. A repeat of a stored id with
 * one of these bits may not get a continuation of that response (its detail steps): only the
 * device the form was issued to may add to it.
 */
export const NOT_ITS_DEVICE = FLAG_RULES.sid_unsigned | FLAG_RULES.sid_device | FLAG_RULES.no_device;

/** Names of the rules set in a bitmask. */
export const rulesOf = (mask: number): FlagRule[] => FLAG_RULE_NAMES.filter((r) => (mask & FLAG_RULES[r]) !== 0);
