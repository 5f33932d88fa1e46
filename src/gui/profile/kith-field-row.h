/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

/**
 * KithFieldEditFunc:
 * @value: (nullable): the value the user gave, as typed; %NULL clears the field
 * @values: (nullable): a multi-pick field's choices, when it is one
 */
typedef void (*KithFieldEditFunc) (KithFieldDefinition *field,
                                   const char          *value,
                                   const char * const  *values,
                                   gpointer             user_data);

GtkWidget *kith_field_row_new (KithFieldDefinition *field,
                               KithCustomValue     *value,
                               KithFieldEditFunc    func,
                               gpointer             user_data);

G_END_DECLS
