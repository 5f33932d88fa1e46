/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithCheckpointer KithCheckpointer;

KithCheckpointer *kith_checkpointer_start   (const char        *path);
void              kith_checkpointer_request (KithCheckpointer  *self,
                                             gboolean           wait);
void              kith_checkpointer_stop    (KithCheckpointer  *self);

G_END_DECLS
