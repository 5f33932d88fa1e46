/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-merge-recipient.h"
#include "kith-store.h"

G_BEGIN_DECLS

/**
 * KithMergeState:
 * @KITH_MERGE_DRAFT: made and under review; nothing queued yet
 * @KITH_MERGE_RUNNING: its recipients go to the Outbox
 * @KITH_MERGE_PAUSED: what was not sent yet was taken back from the Outbox
 * @KITH_MERGE_CANCELLED: stopped for good; what was not sent stays unsent
 * @KITH_MERGE_FINISHED: every recipient is sent, failed or excluded
 *
 * Where a mail merge is (docs/merge.md).
 */
typedef enum {
  KITH_MERGE_DRAFT,
  KITH_MERGE_RUNNING,
  KITH_MERGE_PAUSED,
  KITH_MERGE_CANCELLED,
  KITH_MERGE_FINISHED,
} KithMergeState;

/* A merge's limits: at most @daily_cap messages a day (0: no cap) and @per_minute a minute
 * (0: no limit), none before @start (ms since the epoch; 0: now) */
typedef struct {
  guint  daily_cap;
  guint  per_minute;
  gint64 start;
} KithMergeLimits;

/* A merge as a whole: its state, how many recipients are in each state, how many are
 * excluded for each reason, and when the last one is due (ms) */
typedef struct {
  KithMergeState state;
  gint64         template_id;
  guint          total;
  guint          by_state[KITH_MERGE_RECIPIENT_EXCLUDED + 1];
  guint          by_exclusion[KITH_MERGE_N_EXCLUSIONS];
  gint64         finish;
  KithMergeLimits limits;
} KithMergeSummary;

#define KITH_MERGE_DEFAULT_DAILY_CAP 300
#define KITH_MERGE_DEFAULT_PER_MINUTE 20

void        kith_mail_merge_default_limits      (const char        *smtp_host,
                                                 const char        *from_address,
                                                 KithMergeLimits   *limits);
gint64      kith_mail_merge_schedule_time       (const KithMergeLimits *limits,
                                                 gint64             base,
                                                 guint              k);

GArray     *kith_store_mail_merge_resolve       (KithStore         *self,
                                                 const gint64      *record_ids,
                                                 guint              n_ids,
                                                 const char        *query,
                                                 GError           **error);
gint64      kith_store_mail_merge_create        (KithStore         *self,
                                                 gint64             template_id,
                                                 const char        *account,
                                                 const char        *from_address,
                                                 const char        *from_name,
                                                 GArray            *person_ids,
                                                 const KithMergeLimits *limits,
                                                 GError           **error);
GPtrArray  *kith_store_mail_merge_recipients    (KithStore         *self,
                                                 gint64             merge_id,
                                                 guint              offset,
                                                 guint              limit,
                                                 gboolean           preview,
                                                 GError           **error);
gboolean    kith_store_mail_merge_set_excluded  (KithStore         *self,
                                                 gint64             merge_id,
                                                 guint              position,
                                                 gboolean           excluded,
                                                 GError           **error);
gboolean    kith_store_mail_merge_set_limits    (KithStore         *self,
                                                 gint64             merge_id,
                                                 const KithMergeLimits *limits,
                                                 GError           **error);
gboolean    kith_store_mail_merge_get_summary   (KithStore         *self,
                                                 gint64             merge_id,
                                                 KithMergeSummary  *summary,
                                                 GError           **error);
GStrv       kith_store_mail_merge_empty_fields  (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
gboolean    kith_store_mail_merge_delete        (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);

G_END_DECLS
