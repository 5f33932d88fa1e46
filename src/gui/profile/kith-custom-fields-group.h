/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-record.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_CUSTOM_FIELDS_GROUP (kith_custom_fields_group_get_type ())
G_DECLARE_FINAL_TYPE (KithCustomFieldsGroup, kith_custom_fields_group, KITH, CUSTOM_FIELDS_GROUP, GtkBox)

void kith_custom_fields_group_set_fields (KithCustomFieldsGroup *self,
                                          GListModel            *fields);

G_END_DECLS
