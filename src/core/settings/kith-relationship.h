/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-segment.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* Presets: "business" (General business) and "realestate" (Real estate). */
gboolean    kith_relationship_apply_preset   (KithStore   *store,
                                              const char  *preset,
                                              GError     **error);
char       *kith_relationship_dup_preset     (KithStore   *store);

/* Every KithSegment with its KithStages and their KithSteps */
GListModel *kith_relationship_list_segments  (KithStore   *store,
                                              GError     **error);
/* Replaces the steps of one segment + stage with @steps (KithSteps, in order). Keys of kept
 * steps are preserved; new steps get fresh keys. */
gboolean    kith_relationship_set_steps      (KithStore   *store,
                                              const char  *segment,
                                              const char  *stage,
                                              GPtrArray   *steps,
                                              GError     **error);
gboolean    kith_relationship_set_cadence    (KithStore   *store,
                                              const char  *segment,
                                              int          days,
                                              GError     **error);
gboolean    kith_relationship_update_segment (KithStore   *store,
                                              const char  *segment,
                                              const char  *name,
                                              gboolean     enabled,
                                              GError     **error);
char       *kith_relationship_add_segment    (KithStore   *store,
                                              const char  *name,
                                              gboolean     for_deals,
                                              GError     **error);
gboolean    kith_relationship_remove_segment (KithStore   *store,
                                              const char  *segment,
                                              GError     **error);
gboolean    kith_relationship_rename_stage   (KithStore   *store,
                                              const char  *segment,
                                              const char  *stage,
                                              const char  *name,
                                              GError     **error);

G_END_DECLS

/* Custom fields and tags, which the relationship settings show */
#include "kith-fields.h"
#include "kith-tags.h"
