/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Presets: "business" (General business) and "realestate" (Real estate). */
gboolean    kith_relationship_apply_preset   (KithStore   *store,
                                              const char  *preset,
                                              GError     **error);
char       *kith_relationship_dup_preset     (KithStore   *store);

/* [{key, name, category, appliesTo, cadence, stages:[{key, name, steps:[{key, name,
 *   reminderDays, template}]}]}] */
JsonArray  *kith_relationship_list_segments  (KithStore   *store,
                                              GError     **error);
/* Replaces the steps of one segment + stage with @steps ([{key?, name, reminderDays?,
 * template?}], in order). Keys of kept steps are preserved; new steps get fresh keys. */
gboolean    kith_relationship_set_steps      (KithStore   *store,
                                              const char  *segment,
                                              const char  *stage,
                                              JsonArray   *steps,
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
gboolean    kith_relationship_rename_stage   (KithStore   *store,
                                              const char  *segment,
                                              const char  *stage,
                                              const char  *name,
                                              GError     **error);

/* Custom fields. @definition: {key?, name, type, appliesTo: person|company|project,
 * section?, options?: [string], currency?, remindYearly?, scopes?: [{segment, stage?}]} */
gint64      kith_fields_add                  (KithStore   *store,
                                              JsonObject  *definition,
                                              GError     **error);
gboolean    kith_fields_remove               (KithStore   *store,
                                              const char  *key,
                                              GError     **error);
JsonArray  *kith_fields_list                 (KithStore   *store,
                                              KithRecordKind kind,
                                              GError     **error);

/* Tags */
JsonArray  *kith_tags_list                   (KithStore   *store,
                                              GError     **error);
gboolean    kith_tags_rename                 (KithStore   *store,
                                              const char  *from,
                                              const char  *to,
                                              GError     **error);
gboolean    kith_tags_delete                 (KithStore   *store,
                                              const char  *name,
                                              GError     **error);

G_END_DECLS
