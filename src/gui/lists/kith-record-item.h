/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_ITEM (kith_record_item_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordItem, kith_record_item, KITH, RECORD_ITEM, GObject)

KithRecordItem *kith_record_item_new             (gint64          id);
void            kith_record_item_set_row         (KithRecordItem *self,
                                                  KithRecordRow  *row,
                                                  const char     *stage_label,
                                                  const char     *group,
                                                  const char     *group_header);
gboolean        kith_record_item_get_loaded      (KithRecordItem *self);
const char     *kith_record_item_get_group       (KithRecordItem *self);
gint64          kith_record_item_get_id          (KithRecordItem *self);
KithRecordKind  kith_record_item_get_kind        (KithRecordItem *self);
const char     *kith_record_item_get_name        (KithRecordItem *self);
const char     *kith_record_item_get_picture     (KithRecordItem *self);
gboolean        kith_record_item_get_private     (KithRecordItem *self);
const char     *kith_record_item_get_subtitle    (KithRecordItem *self);
const char     *kith_record_item_get_group_header (KithRecordItem *self);
const char     *kith_record_item_get_stage_label (KithRecordItem *self);
const char     *kith_record_item_get_last_contact_label (KithRecordItem *self);
char           *kith_format_last_contact         (KithRecordKind  kind,
                                                  gint64          ms,
                                                  gint64          now_ms);

G_END_DECLS
