/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaModel"

#include "config.h"

#include "kith-agenda-model.h"

/*
 * The Agenda of one day as a sectioned list: a list model of the KithAgendaSection of every
 * section, always all of them in the order shown (an empty one has no entries), each a list
 * model of KithAgendaEntry. GTK 4.8 has no GtkSectionModel; a list of lists shows the same.
 * A model computed on the store's worker (kith_agenda_compute_model()) is shown by updating
 * the one on screen with it (kith_agenda_model_update()), which changes only what changed.
 */

struct _KithAgendaModel
{
  GObject            parent_instance;

  char              *date;
  KithAgendaSection *sections[KITH_AGENDA_N_SECTIONS];
  gboolean           loaded;
};

static void kith_agenda_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithAgendaModel, kith_agenda_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kith_agenda_model_list_model_init))

enum {
  PROP_0,
  PROP_DATE,
  PROP_COUNT,
  PROP_TOTAL,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
kith_agenda_model_get_item_type (GListModel *model)
{
  return KITH_TYPE_AGENDA_SECTION;
}

static guint
kith_agenda_model_get_n_items (GListModel *model)
{
  return KITH_AGENDA_N_SECTIONS;
}

static gpointer
kith_agenda_model_get_item (GListModel *model,
                            guint       position)
{
  KithAgendaModel *self = KITH_AGENDA_MODEL (model);

  if (position >= KITH_AGENDA_N_SECTIONS)
    return NULL;

  return g_object_ref (self->sections[position]);
}

static void
kith_agenda_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kith_agenda_model_get_item_type;
  iface->get_n_items = kith_agenda_model_get_n_items;
  iface->get_item = kith_agenda_model_get_item;
}

static void
kith_agenda_model_finalize (GObject *object)
{
  KithAgendaModel *self = (KithAgendaModel *)object;

  g_free (self->date);
  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    g_clear_object (&self->sections[i]);

  G_OBJECT_CLASS (kith_agenda_model_parent_class)->finalize (object);
}

static guint compute_count (KithAgendaModel *self);
static guint compute_total (KithAgendaModel *self);

static void
kith_agenda_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithAgendaModel *self = KITH_AGENDA_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, compute_count (self));
      break;

    case PROP_TOTAL:
      g_value_set_uint (value, compute_total (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_model_class_init (KithAgendaModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_agenda_model_finalize;
  object_class->get_property = kith_agenda_model_get_property;

  /* The day, "YYYY-MM-DD"; NULL until computed */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What is due now: overdue and today's to-dos and due next steps, as the sidebar shows */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Entries in all sections */
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether it holds a computed Agenda */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_agenda_model_init (KithAgendaModel *self)
{
  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    self->sections[i] = kith_agenda_section_new (i);
}

/**
 * kith_agenda_model_new:
 * @date: (nullable): the day it is the Agenda of; %NULL for one not computed yet
 *
 * Returns: (transfer full): an Agenda with empty sections
 */
KithAgendaModel *
kith_agenda_model_new (const char *date)
{
  KithAgendaModel *self = g_object_new (KITH_TYPE_AGENDA_MODEL, NULL);

  self->date = g_strdup (date);
  self->loaded = date != NULL;

  return self;
}

const char *
kith_agenda_model_get_date (KithAgendaModel *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_MODEL (self), NULL);

  return self->date;
}

/**
 * kith_agenda_model_get_section:
 *
 * Returns: (transfer none): the section
 */
KithAgendaSection *
kith_agenda_model_get_section (KithAgendaModel       *self,
                               KithAgendaSectionKind  kind)
{
  g_return_val_if_fail (KITH_IS_AGENDA_MODEL (self), NULL);
  g_return_val_if_fail (kind < KITH_AGENDA_N_SECTIONS, NULL);

  return self->sections[kind];
}

static guint
n_entries (KithAgendaModel       *self,
           KithAgendaSectionKind  kind)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->sections[kind]));
}

static guint
compute_count (KithAgendaModel *self)
{
  return n_entries (self, KITH_AGENDA_SECTION_OVERDUE) + n_entries (self, KITH_AGENDA_SECTION_TODAY) +
         n_entries (self, KITH_AGENDA_SECTION_REMINDERS);
}

static guint
compute_total (KithAgendaModel *self)
{
  guint total = 0;

  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    total += n_entries (self, i);

  return total;
}

guint
kith_agenda_model_get_count (KithAgendaModel *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_MODEL (self), 0);

  return compute_count (self);
}

guint
kith_agenda_model_get_total (KithAgendaModel *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_MODEL (self), 0);

  return compute_total (self);
}

gboolean
kith_agenda_model_get_loaded (KithAgendaModel *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_MODEL (self), FALSE);

  return self->loaded;
}

/**
 * kith_agenda_model_find_todo:
 *
 * Returns: (transfer none) (nullable): the to-do's entry, in whichever section it is
 */
KithAgendaEntry *
kith_agenda_model_find_todo (KithAgendaModel *self,
                             gint64           todo_id)
{
  g_return_val_if_fail (KITH_IS_AGENDA_MODEL (self), NULL);

  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    {
      KithAgendaEntry *entry = kith_agenda_section_find (self->sections[i], KITH_AGENDA_ENTRY_TODO, todo_id);

      if (entry != NULL)
        return entry;
    }

  return NULL;
}

/**
 * kith_agenda_model_update:
 * @from: the Agenda computed again
 *
 * Makes @self show what @from holds, changing in each section only what changed (see
 * kith_agenda_section_update()).
 */
void
kith_agenda_model_update (KithAgendaModel *self,
                          KithAgendaModel *from)
{
  guint count;
  guint total;

  g_return_if_fail (KITH_IS_AGENDA_MODEL (self));
  g_return_if_fail (KITH_IS_AGENDA_MODEL (from));

  count = compute_count (self);
  total = compute_total (self);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    kith_agenda_section_update (self->sections[i], from->sections[i]);

  if (g_strcmp0 (self->date, from->date) != 0)
    {
      g_free (self->date);
      self->date = g_strdup (from->date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }
  if (count != compute_count (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  if (total != compute_total (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  if (!self->loaded && from->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
