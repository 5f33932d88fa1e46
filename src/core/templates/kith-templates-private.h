/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-templates.h"

G_BEGIN_DECLS

/* What the store's undo asks of the templates (kith-undo.c) */
gboolean  kith_templates_link_steps   (KithStore   *store,
                                       gint64       id,
                                       GError     **error);
char     *kith_templates_dup_folder   (KithStore   *store,
                                       gint64       id);

G_END_DECLS
