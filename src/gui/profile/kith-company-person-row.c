/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCompanyPersonRow: one of a company's people, with their headline. Activated it opens the
 * person (company-people.open); its button takes them off the company (company-people.remove).
 */

#define G_LOG_DOMAIN "KithCompanyPersonRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-company-person-row.h"

struct _KithCompanyPersonRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *remove_button;

  KithPerson   *person;
};

G_DEFINE_FINAL_TYPE (KithCompanyPersonRow, kith_company_person_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_company_person_row_constructed (GObject *object)
{
  KithCompanyPersonRow *self = KITH_COMPANY_PERSON_ROW (object);
  const char *name = kith_record_get_name (KITH_RECORD (self->person));
  const char *headline = kith_person_get_headline (self->person);
  GVariant *id = g_variant_new_int64 (kith_record_get_id (KITH_RECORD (self->person)));
  g_autofree char *remove_name = g_strdup_printf (_("Remove “%s” From the Company"), name);

  G_OBJECT_CLASS (kith_company_person_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), headline != NULL ? headline : "");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), id);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), id);
  gtk_widget_set_tooltip_text (self->remove_button, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
}

static void
kith_company_person_row_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template (): AdwActionRow takes its suffixes down itself (GTK issue
   * 5834: they would be disposed twice) */
  g_clear_object (&KITH_COMPANY_PERSON_ROW (object)->person);

  G_OBJECT_CLASS (kith_company_person_row_parent_class)->dispose (object);
}

static void
kith_company_person_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, KITH_COMPANY_PERSON_ROW (object)->person);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_company_person_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PERSON:
      KITH_COMPANY_PERSON_ROW (object)->person = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_company_person_row_class_init (KithCompanyPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_company_person_row_constructed;
  object_class->dispose = kith_company_person_row_dispose;
  object_class->get_property = kith_company_person_row_get_property;
  object_class->set_property = kith_company_person_row_set_property;

  properties[PROP_PERSON] = g_param_spec_object ("person", NULL, NULL, KITH_TYPE_PERSON,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-company-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCompanyPersonRow, remove_button);
}

static void
kith_company_person_row_init (KithCompanyPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_company_person_row_new (KithPerson *person)
{
  g_return_val_if_fail (KITH_IS_PERSON (person), NULL);

  return g_object_new (KITH_TYPE_COMPANY_PERSON_ROW, "person", person, NULL);
}
