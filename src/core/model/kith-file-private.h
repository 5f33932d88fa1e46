/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-file.h"

G_BEGIN_DECLS

KithFile   *kith_file_new_from_json (JsonObject *json);
JsonObject *kith_file_get_removed   (KithFile   *self);
void        kith_file_set_removed   (KithFile   *self,
                                     JsonObject *removed);

G_END_DECLS
