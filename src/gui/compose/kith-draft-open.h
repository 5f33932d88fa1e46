/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-draft.h"
#include "kith-store.h"

G_BEGIN_DECLS

KithDraftKind kith_draft_kind_of_action (const char *action_name);
void kith_draft_open        (GtkWidget     *widget,
                             KithOutgoing  *draft);
void kith_draft_open_answer (GtkWidget     *widget,
                             KithStore     *store,
                             KithMessage   *original,
                             KithDraftKind  kind);
void kith_draft_open_to_record (GtkWidget  *widget,
                                KithStore  *store,
                                gint64      record_id);
void kith_draft_open_for_step  (GtkWidget  *widget,
                                KithStore  *store,
                                gint64      person_id);

gpointer kith_draft_read_everyone_job (KithStore  *store,
                                       gpointer    data,
                                       GError    **error);

G_END_DECLS
