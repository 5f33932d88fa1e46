/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSignatureRow: a signature on Preferences → Mail — its name and the start of its text, with
 * Edit and Delete, which the scope's row it is in carries out ("signatures.edit" and
 * "signatures.delete", given the signature's id).
 */

#define G_LOG_DOMAIN "KithSignatureRow"

#include "config.h"

#include <string.h>

#include "kith-signature-row.h"
#include "kith-gui-util.h"

struct _KithSignatureRow
{
  AdwActionRow   parent_instance;

  GtkWidget     *edit_button;
  GtkWidget     *delete_button;

  KithSignature *signature;
};

G_DEFINE_FINAL_TYPE (KithSignatureRow, kith_signature_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SIGNATURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first line of the text: enough to tell signatures apart */
static gboolean
first_line (GBinding     *binding,
            const GValue *from,
            GValue       *to,
            gpointer      user_data)
{
  const char *body = g_value_get_string (from);
  const char *end = body != NULL ? strchr (body, '\n') : NULL;

  if (body == NULL)
    g_value_set_string (to, "");
  else
    g_value_take_string (to, end != NULL ? g_strndup (body, end - body) : g_strdup (body));
  return TRUE;
}

static void
kith_signature_row_constructed (GObject *object)
{
  KithSignatureRow *self = KITH_SIGNATURE_ROW (object);
  gint64 id = kith_signature_get_id (self->signature);

  G_OBJECT_CLASS (kith_signature_row_parent_class)->constructed (object);

  /* Bound here, not in the template: GTK 4.8's template bindings on the row's own properties
   * through its own "signature" warn about weak references when the row goes away */
  kith_preferences_row_bind_text_title (ADW_PREFERENCES_ROW (self), self->signature, "name");
  g_object_bind_property_full (self->signature, "body", self, "subtitle", G_BINDING_SYNC_CREATE,
                               first_line, NULL, NULL, NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x", id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", id);
}

static void
kith_signature_row_dispose (GObject *object)
{
  KithSignatureRow *self = KITH_SIGNATURE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_SIGNATURE_ROW);
  g_clear_object (&self->signature);

  G_OBJECT_CLASS (kith_signature_row_parent_class)->dispose (object);
}

static void
kith_signature_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithSignatureRow *self = KITH_SIGNATURE_ROW (object);

  switch (prop_id)
    {
    case PROP_SIGNATURE:
      g_value_set_object (value, self->signature);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithSignatureRow *self = KITH_SIGNATURE_ROW (object);

  switch (prop_id)
    {
    case PROP_SIGNATURE:
      self->signature = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_row_class_init (KithSignatureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_signature_row_constructed;
  object_class->dispose = kith_signature_row_dispose;
  object_class->get_property = kith_signature_row_get_property;
  object_class->set_property = kith_signature_row_set_property;

  properties[PROP_SIGNATURE] = g_param_spec_object ("signature", NULL, NULL, KITH_TYPE_SIGNATURE,
                                                    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-signature-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithSignatureRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, KithSignatureRow, delete_button);
}

static void
kith_signature_row_init (KithSignatureRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_signature_row_new (KithSignature *signature)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (signature), NULL);

  return g_object_new (KITH_TYPE_SIGNATURE_ROW, "signature", signature, NULL);
}
