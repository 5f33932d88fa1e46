/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_TEMPLATE_PICKER (kith_template_picker_get_type ())
G_DECLARE_FINAL_TYPE (KithTemplatePicker, kith_template_picker, KITH, TEMPLATE_PICKER, GtkWidget)

G_END_DECLS
