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

GtkWidget           *kith_field_row_new              (KithFieldDefinition *field,
                                                      KithCustomValue     *value,
                                                      KithFieldEditFunc    func,
                                                      gpointer             user_data);

/* What the row of each field type shares: its "field" and "value", and its "edited" signal */
void                 kith_field_row_class_install    (GObjectClass        *klass);
KithFieldDefinition *kith_field_row_get_field        (gpointer             row);
KithCustomValue     *kith_field_row_get_value        (gpointer             row);
void                 kith_field_row_edited           (gpointer             row,
                                                      const char          *value,
                                                      const char * const  *values);

G_END_DECLS
