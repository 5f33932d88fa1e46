/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailMergeRecipientRow: one recipient under review — a check to send to them or not,
 * their name and address, the subject merged for them, the body in an expander, and why they
 * are left out. Toggling the check activates merge.set-excluded (position, excluded) on the
 * dialog; the row shows the recipient the list gives it back afterwards.
 */

#define G_LOG_DOMAIN "KithMailMerge"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-mail-merge-recipient-row.h"

struct _KithMailMergeRecipientRow
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkCheckButton     *check;
  GtkLabel           *name_label;
  GtkLabel           *address_label;
  GtkLabel           *subject_label;
  GtkExpander        *body_expander;
  GtkLabel           *body_label;
  GtkLabel           *reason_label;

  KithMergeRecipient *recipient;
  gboolean            showing;   /* the check is being set to what is stored: no request */
};

G_DEFINE_FINAL_TYPE (KithMailMergeRecipientRow, kith_mail_merge_recipient_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECIPIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * kith_mail_merge_exclusion_text:
 *
 * Returns: why a recipient is left out, as the review says it
 */
const char *
kith_mail_merge_exclusion_text (KithMergeExclusion exclusion)
{
  switch (exclusion)
    {
    case KITH_MERGE_EXCLUSION_NO_EMAIL:
      return _("No email address");
    case KITH_MERGE_EXCLUSION_EMPTY_FIELD:
      return _("Empty field without fallback");
    case KITH_MERGE_EXCLUSION_DO_NOT_EMAIL:
      return _("Do not email");
    case KITH_MERGE_EXCLUSION_DUPLICATE:
      return _("Duplicate address");
    case KITH_MERGE_EXCLUSION_BY_HAND:
      return _("Left out by hand");
    case KITH_MERGE_EXCLUSION_NONE:
    default:
      return "";
    }
}

static void
on_check_toggled_cb (KithMailMergeRecipientRow *self)
{
  if (self->showing || self->recipient == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "merge.set-excluded", "(ub)",
                              kith_merge_recipient_get_position (self->recipient),
                              !gtk_check_button_get_active (self->check));
}

/* Why they are left out; an empty field is named */
static char *
reason_of (KithMergeRecipient *recipient)
{
  KithMergeExclusion exclusion = kith_merge_recipient_get_exclusion (recipient);
  const char *detail = kith_merge_recipient_get_detail (recipient);

  if (kith_merge_recipient_get_state (recipient) != KITH_MERGE_RECIPIENT_EXCLUDED)
    return g_strdup ("");
  if (exclusion == KITH_MERGE_EXCLUSION_EMPTY_FIELD && detail != NULL)
    /* Translators: %s names the merge fields that are empty, e.g. "company" */
    return g_strdup_printf (_("Empty: %s"), detail);
  return g_strdup (kith_mail_merge_exclusion_text (exclusion));
}

static void
show_recipient (KithMailMergeRecipientRow *self)
{
  KithMergeRecipient *r = self->recipient;
  const char *name = r != NULL ? kith_merge_recipient_get_name (r) : NULL;
  const char *address = r != NULL ? kith_merge_recipient_get_address (r) : NULL;
  gboolean loaded = name != NULL;
  gboolean excluded = r != NULL && kith_merge_recipient_get_state (r) == KITH_MERGE_RECIPIENT_EXCLUDED;
  g_autofree char *reason = r != NULL ? reason_of (r) : g_strdup ("");
  g_autofree char *check_label = g_strdup_printf (_("Send to %s"), name != NULL ? name : "");

  self->showing = TRUE;
  gtk_label_set_text (self->name_label, loaded ? name : _("Loading…"));
  gtk_label_set_text (self->address_label, address != NULL && *address != '\0' ? address : _("No email address"));
  /* Every row as tall as a loaded one, so the list does not jump as pages come */
  gtk_label_set_text (self->subject_label, r != NULL && kith_merge_recipient_get_subject (r) != NULL
                                           ? kith_merge_recipient_get_subject (r) : " ");
  gtk_label_set_text (self->body_label, r != NULL && kith_merge_recipient_get_body (r) != NULL
                                        ? kith_merge_recipient_get_body (r) : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->body_expander), loaded);
  gtk_label_set_text (self->reason_label, reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reason_label), *reason != '\0' ? reason : NULL);
  gtk_check_button_set_active (self->check, loaded && !excluded);
  /* Someone without an address cannot be taken in */
  gtk_widget_set_sensitive (GTK_WIDGET (self->check),
                            loaded && !(excluded && kith_merge_recipient_get_exclusion (r) == KITH_MERGE_EXCLUSION_NO_EMAIL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
  self->showing = FALSE;
}

/**
 * kith_mail_merge_recipient_row_set_recipient:
 * @recipient: (nullable): the recipient shown
 */
void
kith_mail_merge_recipient_row_set_recipient (KithMailMergeRecipientRow *self,
                                             KithMergeRecipient        *recipient)
{
  g_return_if_fail (KITH_IS_MAIL_MERGE_RECIPIENT_ROW (self));

  if (!g_set_object (&self->recipient, recipient))
    return;
  show_recipient (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENT]);
}

static void
kith_mail_merge_recipient_row_dispose (GObject *object)
{
  KithMailMergeRecipientRow *self = KITH_MAIL_MERGE_RECIPIENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MAIL_MERGE_RECIPIENT_ROW);
  g_clear_object (&self->recipient);

  G_OBJECT_CLASS (kith_mail_merge_recipient_row_parent_class)->dispose (object);
}

static void
kith_mail_merge_recipient_row_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  KithMailMergeRecipientRow *self = KITH_MAIL_MERGE_RECIPIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_RECIPIENT:
      g_value_set_object (value, self->recipient);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_merge_recipient_row_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  KithMailMergeRecipientRow *self = KITH_MAIL_MERGE_RECIPIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_RECIPIENT:
      kith_mail_merge_recipient_row_set_recipient (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_merge_recipient_row_class_init (KithMailMergeRecipientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_mail_merge_recipient_row_dispose;
  object_class->get_property = kith_mail_merge_recipient_row_get_property;
  object_class->set_property = kith_mail_merge_recipient_row_set_property;

  properties[PROP_RECIPIENT] = g_param_spec_object ("recipient", NULL, NULL, KITH_TYPE_MERGE_RECIPIENT,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/merge/kith-mail-merge-recipient-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, box);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, check);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, address_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, body_expander);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, body_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeRecipientRow, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);
}

static void
kith_mail_merge_recipient_row_init (KithMailMergeRecipientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_mail_merge_recipient_row_new (void)
{
  return g_object_new (KITH_TYPE_MAIL_MERGE_RECIPIENT_ROW, NULL);
}
