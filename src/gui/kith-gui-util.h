/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void kith_widget_add_toast  (GtkWidget  *widget,
                             AdwToast   *toast);
void kith_widget_show_error (GtkWidget  *widget,
                             const char *message);

/* A job that runs one at a time: a request while it runs asks for one more run after it, and
 * requests meanwhile coalesce into that one (a page reloading after store changes) */
typedef struct {
  gboolean running;
  gboolean again;
} KithSerial;

gboolean kith_serial_begin (KithSerial *serial);
gboolean kith_serial_end   (KithSerial *serial);

G_END_DECLS
