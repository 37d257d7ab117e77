/** Français (Canada): the same keys as en.ts. */
import type { en } from './en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const fr: Shape<typeof en> = {
  common: { loading: 'Chargement…', cancel: 'Annuler' },
  errors: { internal: 'Une erreur s’est produite dans Casework. Vos données n’ont pas changé; réessayez.', offline: 'Le cœur de Casework ne répond pas. Est-il toujours en marche?' },
  nav: { label: 'Principal', today: 'Aujourd’hui', cases: 'Dossiers', search: 'Recherche', rules: 'Règles', settings: 'Paramètres', lock: 'Verrouiller' },
  unlock: {
    title: 'Déverrouiller votre coffre', intro: 'Vos dossiers sont chiffrés sur cet ordinateur. Entrez votre phrase de passe pour les ouvrir.',
    createTitle: 'Bienvenue dans Casework', createIntro: 'Créez sur cet ordinateur un coffre chiffré pour les dossiers et documents de votre cabinet.',
    orgName: 'Nom du cabinet', passphrase: 'Phrase de passe', confirm: 'Phrase de passe (confirmation)', mismatch: 'Les deux phrases de passe ne sont pas identiques.',
    unlock: 'Déverrouiller', create: 'Créer le coffre', keyNote: 'Personne ne peut récupérer une phrase de passe oubliée : conservez-la en lieu sûr.',
  },
  today: {
    title: 'Aujourd’hui', tasks: 'Tâches de la semaine', deadlines: 'Échéances', recent: 'Dossiers récents', noTasks: 'Rien à faire cette semaine.',
    noDeadlines: 'Aucun document n’expire dans les 60 prochains jours.', noCases: 'Aucun dossier pour l’instant.', openCases: 'Ouvrir un dossier', expired: 'expiré le {{date}}', expires: 'expire le {{date}}',
  },
  cases: {
    title: 'Dossiers', new: 'Nouveau dossier', create: 'Créer le dossier', search: 'Rechercher des dossiers', searchPlaceholder: 'Nom du client ou numéro de dossier…',
    status: 'Statut', priority: 'Priorité', type: 'Type', sort: 'Trier par', client: 'Client', number: 'Numéro de dossier',
    anyStatus: 'Tous les statuts', anyPriority: 'Toutes les priorités', anyType: 'Tous les types', count_one: '{{count}} dossier', count_other: '{{count}} dossiers',
    empty: 'Aucun dossier pour l’instant. Créez votre premier dossier avec « Nouveau dossier ».', noMatch: 'Aucun dossier ne correspond à ces filtres.',
    sortBy: { updated_at: 'Dernière modification', case_number: 'Numéro de dossier', client: 'Client', priority: 'Priorité', status: 'Statut' },
  },
  case: {
    sections: 'Sections du dossier', details: 'Détails', fees: 'Honoraires', paid: 'payé', program: 'Programme', moveTo: 'Passer à', change: 'Changer le statut',
    timeline: 'Chronologie', noEvents: 'Rien ne s’est encore passé dans ce dossier.',
    tab: { overview: 'Aperçu', people: 'Personnes', tasks: 'Tâches et liste de contrôle', documents: 'Documents', crs: 'SCG et admissibilité' },
  },
  people: { title: 'Personnes au dossier', add: 'Ajouter une personne', firstName: 'Prénom', lastName: 'Nom', relationship: 'Lien', dateOfBirth: 'Date de naissance', email: 'Courriel', save: 'Ajouter la personne' },
  relationship: { primary: 'Demandeur principal', spouse: 'Époux ou conjoint', child: 'Enfant', dependent: 'Personne à charge', parent: 'Parent', sibling: 'Frère ou sœur', other: 'Autre' },
  tasks: { title: 'Tâches', empty: 'Aucune tâche pour l’instant.', new: 'Nouvelle tâche', due: 'Échéance', add: 'Ajouter' },
  checklist: { title: 'Liste de contrôle', empty: 'Ce type de dossier n’a pas de liste de contrôle.' },
  docs: {
    title: 'Documents', drop: 'Déposez des fichiers ici, ou cliquez pour choisir', choose: 'Choisir des fichiers à ajouter', uploading: 'Ajout des fichiers', empty: 'Aucun document pour l’instant. Déposez un scan ou un PDF ci-dessus.',
    reading: 'Lecture de {{title}}', viewer: 'Document', versions_one: '{{count}} version', versions_other: '{{count}} versions', confidence: 'Confiance de la ROC {{value}} %',
    looksLike: 'ressemble à : {{type}}', mrz: 'Zone du passeport lue :', approve: 'Appliquer à la personne', text: 'Texte', noText: 'Pas encore de texte.',
    status: { pending: 'en attente', processing: 'lecture…', completed: 'lu', failed: 'illisible' },
  },
  crs: {
    profile: 'Profil', age: 'Âge', education: 'Études', test: 'Test de langue', listening: 'Compréhension orale', reading: 'Compréhension écrite', writing: 'Expression écrite', speaking: 'Expression orale',
    canadianWork: 'Années de travail au Canada', foreignWork: 'Années de travail à l’étranger', spouse: 'Époux ou conjoint qui accompagne', sibling: 'Frère ou sœur au Canada', pnp: 'Nomination provinciale',
    calculate: 'Calculer', save: 'Enregistrer au dossier', saved: 'Enregistré', total: 'SCG {{total}}', rules: 'Règles {{version}}', breakdown: 'Détail du score',
    fsw: 'Grille TQF : {{total}}/100.', fswEligible: 'Atteint la note de passage de 67 et les exigences minimales.', fswNot: 'Non admissible : {{why}}', whatIf: 'Ce qui augmenterait le score',
    group: { core: 'Capital humain', spouse: 'Facteurs liés à l’époux', skillTransferability: 'Transférabilité des compétences', additional: 'Points supplémentaires' },
  },
  education: { none: 'Moins qu’un diplôme secondaire', secondary: 'Diplôme d’études secondaires', one_year: 'Programme d’un an', two_year: 'Programme de deux ans', bachelors: 'Baccalauréat (3 ans ou plus)', two_or_more: 'Deux titres ou plus', masters: 'Maîtrise ou diplôme professionnel', doctoral: 'Doctorat' },
  status: { draft: 'Brouillon', consultation: 'Consultation', active: 'Actif', in_progress: 'En cours', on_hold: 'En attente', submitted: 'Soumis', approved: 'Approuvé', refused: 'Refusé', withdrawn: 'Retiré', closed: 'Fermé' },
  priority: { low: 'Basse', normal: 'Normale', high: 'Haute', urgent: 'Urgente' },
  search: {
    title: 'Recherche', placeholder: 'Rechercher dossiers, personnes, documents et lois…', results: 'Résultats', none: 'Aucun résultat.',
    lexicalOnly: 'Recherche par mots seulement : aucun modèle sémantique (plongements) n’est installé.', kind: { case: 'Dossier', person: 'Personne', document: 'Document', law: 'Loi' },
  },
  rules: { title: 'Règles en vigueur', intro: 'Grilles de points et exigences sous forme de données, avec leurs dates d’application.', rule: 'Règle', version: 'Version', from: 'Du', until: 'Au' },
  settings: { title: 'Paramètres', language: 'Langue', theme: 'Thème', light: 'Clair', dark: 'Sombre', ocr: 'Les documents sont lus sur cet ordinateur, en anglais et en français; rien n’est envoyé ailleurs.' },
};
