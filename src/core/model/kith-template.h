/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KithTemplateBodyType:
 * @KITH_TEMPLATE_BODY_TEXT: plain text
 * @KITH_TEMPLATE_BODY_HTML: HTML: merged values are escaped
 *
 * What a template's body is
 */
typedef enum {
  KITH_TEMPLATE_BODY_TEXT,
  KITH_TEMPLATE_BODY_HTML,
} KithTemplateBodyType;

#define KITH_TYPE_TEMPLATE (kith_template_get_type ())
G_DECLARE_FINAL_TYPE (KithTemplate, kith_template, KITH, TEMPLATE, GObject)

KithTemplate         *kith_template_new             (const char           *name);
KithTemplate         *kith_template_copy            (KithTemplate         *self);
gint64                kith_template_get_id          (KithTemplate         *self);
void                  kith_template_set_id          (KithTemplate         *self,
                                                     gint64                id);
const char           *kith_template_get_name        (KithTemplate         *self);
void                  kith_template_set_name        (KithTemplate         *self,
                                                     const char           *name);
const char           *kith_template_get_subject     (KithTemplate         *self);
void                  kith_template_set_subject     (KithTemplate         *self,
                                                     const char           *subject);
const char           *kith_template_get_body        (KithTemplate         *self);
void                  kith_template_set_body        (KithTemplate         *self,
                                                     const char           *body);
KithTemplateBodyType  kith_template_get_body_type   (KithTemplate         *self);
void                  kith_template_set_body_type   (KithTemplate         *self,
                                                     KithTemplateBodyType  body_type);
const char           *kith_template_get_account     (KithTemplate         *self);
void                  kith_template_set_account     (KithTemplate         *self,
                                                     const char           *account);
const char * const   *kith_template_get_attachments (KithTemplate         *self);
void                  kith_template_set_attachments (KithTemplate         *self,
                                                     const char * const   *attachments);
gint64                kith_template_get_created     (KithTemplate         *self);
gint64                kith_template_get_changed     (KithTemplate         *self);

G_END_DECLS
