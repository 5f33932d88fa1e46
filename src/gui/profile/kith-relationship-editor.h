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

G_END_DECLS
