/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-template.h"
#include "kith-template-render.h"

G_BEGIN_DECLS

/* The template library's store calls; blocking: run them on the store's worker
 * (kith-template-store.h) */
GPtrArray            *kith_store_templates_list        (KithStore           *self,
                                                        GError             **error);
KithTemplate         *kith_store_template_get          (KithStore           *self,
                                                        gint64               id,
                                                        GError             **error);
KithTemplate         *kith_store_template_find         (KithStore           *self,
                                                        const char          *name,
                                                        GError             **error);
gint64                kith_store_template_save         (KithStore           *self,
                                                        KithTemplate        *template,
                                                        GError             **error);
gint64                kith_store_template_delete_with_undo (KithStore       *self,
                                                        gint64               id,
                                                        GError             **error);
KithTemplateFields   *kith_store_template_fields       (KithStore           *self,
                                                        GError             **error);
KithCompiledTemplate *kith_store_template_compile      (KithStore           *self,
                                                        KithTemplate        *template,
                                                        KithTemplatePart    *out_part,
                                                        KithTemplatePosition *out_position,
                                                        GError             **error);
gboolean              kith_store_template_fill_person  (KithStore           *self,
                                                        gint64               person_id,
                                                        KithTemplateValues  *values,
                                                        GError             **error);

G_END_DECLS
