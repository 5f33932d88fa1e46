/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"
#include "kith-template.h"

G_BEGIN_DECLS

#define KITH_TYPE_TEMPLATE_DIALOG (kith_template_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithTemplateDialog, kith_template_dialog, KITH, TEMPLATE_DIALOG, AdwWindow)

GtkWidget *kith_template_dialog_new (KithStore    *store,
                                     KithTemplate *template,
                                     GtkWindow    *parent);

G_END_DECLS
