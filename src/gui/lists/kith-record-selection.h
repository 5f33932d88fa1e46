/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-record-list-model.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_SELECTION (kith_record_selection_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordSelection, kith_record_selection, KITH, RECORD_SELECTION, GObject)

KithRecordSelection *kith_record_selection_new                (KithRecordListModel *model);
void                 kith_record_selection_show_first         (KithRecordSelection *self,
                                                               guint                n);
void                 kith_record_selection_show_all           (KithRecordSelection *self);
void                 kith_record_selection_set_current        (KithRecordSelection *self,
                                                               gint64               id);
gboolean             kith_record_selection_get_selection_mode (KithRecordSelection *self);
void                 kith_record_selection_set_selection_mode (KithRecordSelection *self,
                                                               gboolean             selection_mode);
guint                kith_record_selection_get_n_selected     (KithRecordSelection *self);
void                 kith_record_selection_toggle             (KithRecordSelection *self,
                                                               guint                position);
void                 kith_record_selection_extend             (KithRecordSelection *self,
                                                               guint                position);
GArray              *kith_record_selection_dup_selected_ids   (KithRecordSelection *self);

G_END_DECLS
