/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_RELATIONSHIP_EDITOR (kith_relationship_editor_get_type ())
G_DECLARE_FINAL_TYPE (KithRelationshipEditor, kith_relationship_editor, KITH, RELATIONSHIP_EDITOR, AdwBin)

GtkWidget  *kith_relationship_editor_new        (KithStore              *store,
                                                 KithRecord             *record);
KithRecord *kith_relationship_editor_get_record (KithRelationshipEditor *self);

/* What the widgets do, for keyboard users and tests */
void        kith_relationship_editor_set_stage      (KithRelationshipEditor *self,
                                                     const char             *stage);
void        kith_relationship_editor_set_segment    (KithRelationshipEditor *self,
                                                     const char             *segment);
void        kith_relationship_editor_complete_step  (KithRelationshipEditor *self);
void        kith_relationship_editor_add_tag        (KithRelationshipEditor *self,
                                                     const char             *tag);
void        kith_relationship_editor_set_field      (KithRelationshipEditor *self,
                                                     const char             *key,
                                                     const char             *value);
const char *kith_relationship_editor_get_field_error (KithRelationshipEditor *self,
                                                      const char             *key);
GPtrArray  *kith_relationship_editor_get_step_names (KithRelationshipEditor *self);

G_END_DECLS
