/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* Called when the undo is done, if the widget is still there: @error is set when @ok is not */
typedef void (*KithUndoDone) (GtkWidget *widget,
                              gboolean   ok,
                              GError    *error);

void kith_undo_toast_show (GtkWidget    *widget,
                           KithStore    *store,
                           const char   *what,
                           gint64        undo_id,
                           KithUndoDone  done);

G_END_DECLS
