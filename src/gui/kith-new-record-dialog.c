/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithNewRecordDialog: the form of a new person, company or deal — its name, what identifies it
 * (an email, a domain or a value) and, but for a company, what it goes with. Opened again with
 * what was typed and what the store found wrong with it when it was refused.
 */

#define G_LOG_DOMAIN "KithNewRecordDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-enums.h"
#include "kith-new-record-dialog.h"

struct _KithNewRecordDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *name_entry;
  GtkLabel         *key_label;
  GtkEditable      *key_entry;
  GtkLabel         *extra_label;
  GtkWidget        *extra_entry;
  GtkLabel         *problem_label;

  KithRecordKind    kind;
};

G_DEFINE_FINAL_TYPE (KithNewRecordDialog, kith_new_record_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_KEY,
  PROP_EXTRA,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_new_record_dialog_constructed (GObject *object)
{
  static const char *headings[] = { N_("New Person"), N_("New Company"), N_("New Deal or Property") };
  static const char *keys[] = { N_("_Email"), N_("_Domain, e.g. acme.com"), N_("_Value") };
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);

  G_OBJECT_CLASS (kith_new_record_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _(headings[self->kind]));
  gtk_label_set_label (self->key_label, _(keys[self->kind]));
  gtk_label_set_label (self->extra_label,
                       self->kind == KITH_RECORD_PERSON ? _("_Company (Optional)") : _("_With (Email, Optional)"));
  gtk_widget_set_visible (self->extra_entry, self->kind != KITH_RECORD_COMPANY);
}

/* The keyboard starts at the name, not at the buttons */
static void
kith_new_record_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kith_new_record_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (KITH_NEW_RECORD_DIALOG (widget)->name_entry));
}

static void
kith_new_record_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_NEW_RECORD_DIALOG);

  G_OBJECT_CLASS (kith_new_record_dialog_parent_class)->dispose (object);
}

static void
kith_new_record_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, gtk_editable_get_text (self->name_entry));
      break;
    case PROP_KEY:
      g_value_set_string (value, gtk_editable_get_text (self->key_entry));
      break;
    case PROP_EXTRA:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->extra_entry)));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, gtk_label_get_label (self->problem_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_text (GtkEditable  *entry,
          const GValue *value)
{
  gtk_editable_set_text (entry, g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
}

static void
kith_new_record_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_NAME:
      set_text (self->name_entry, value);
      break;
    case PROP_KEY:
      set_text (self->key_entry, value);
      break;
    case PROP_EXTRA:
      set_text (GTK_EDITABLE (self->extra_entry), value);
      break;
    case PROP_PROBLEM:
      gtk_label_set_label (self->problem_label, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), g_value_get_string (value) != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_new_record_dialog_class_init (KithNewRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_new_record_dialog_constructed;
  object_class->dispose = kith_new_record_dialog_dispose;
  object_class->get_property = kith_new_record_dialog_get_property;
  object_class->set_property = kith_new_record_dialog_set_property;
  widget_class->map = kith_new_record_dialog_map;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON, flags);
  /* What the form holds: given when it is opened again after a refusal */
  properties[PROP_NAME] = g_param_spec_string ("typed-name", NULL, NULL, NULL, flags);
  properties[PROP_KEY] = g_param_spec_string ("typed-key", NULL, NULL, NULL, flags);
  properties[PROP_EXTRA] = g_param_spec_string ("typed-extra", NULL, NULL, NULL, flags);
  /* Why the store refused what the form held, shown under it */
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/kith-new-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, extra_label);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, extra_entry);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, problem_label);
}

static void
kith_new_record_dialog_init (KithNewRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_new_record_dialog_new:
 * @problem: (nullable): why the store refused @name, @key and @extra, when asking again
 *
 * Returns: (transfer floating): the form of a new record of @kind over @parent
 */
GtkWidget *
kith_new_record_dialog_new (GtkWindow      *parent,
                            KithRecordKind  kind,
                            const char     *name,
                            const char     *key,
                            const char     *extra,
                            const char     *problem)
{
  return g_object_new (KITH_TYPE_NEW_RECORD_DIALOG, "transient-for", parent, "modal", TRUE, "kind", kind,
                       "typed-name", name, "typed-key", key, "typed-extra", extra, "problem", problem, NULL);
}

KithRecordKind
kith_new_record_dialog_get_kind (KithNewRecordDialog *self)
{
  g_return_val_if_fail (KITH_IS_NEW_RECORD_DIALOG (self), KITH_RECORD_KIND_INVALID);

  return self->kind;
}

static char *
dup_stripped (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/* What was typed in each entry, without the spaces around it */

char *
kith_new_record_dialog_dup_name (KithNewRecordDialog *self)
{
  g_return_val_if_fail (KITH_IS_NEW_RECORD_DIALOG (self), NULL);

  return dup_stripped (self->name_entry);
}

char *
kith_new_record_dialog_dup_key (KithNewRecordDialog *self)
{
  g_return_val_if_fail (KITH_IS_NEW_RECORD_DIALOG (self), NULL);

  return dup_stripped (self->key_entry);
}

char *
kith_new_record_dialog_dup_extra (KithNewRecordDialog *self)
{
  g_return_val_if_fail (KITH_IS_NEW_RECORD_DIALOG (self), NULL);

  return dup_stripped (GTK_EDITABLE (self->extra_entry));
}
