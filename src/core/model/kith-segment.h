/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-stage.h"

G_BEGIN_DECLS

#define KITH_TYPE_SEGMENT (kith_segment_get_type ())
G_DECLARE_FINAL_TYPE (KithSegment, kith_segment, KITH, SEGMENT, GObject)

KithSegment *kith_segment_new_none      (const char  *name);
const char  *kith_segment_get_key       (KithSegment *self);
const char  *kith_segment_get_name      (KithSegment *self);
gboolean     kith_segment_get_for_deals (KithSegment *self);
gboolean     kith_segment_get_enabled   (KithSegment *self);
GListModel  *kith_segment_get_stages    (KithSegment *self);
KithStage   *kith_segment_find_stage    (KithSegment *self,
                                         const char  *key);

G_END_DECLS
