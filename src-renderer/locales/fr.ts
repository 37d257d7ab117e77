/** Français (Canada): the same keys as en.ts. */
import type { en } from './en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const fr: Shape<typeof en> = {
  common: { loading: 'Chargement…', cancel: 'Annuler' },
  errors: { internal: 'Une erreur s’est produite dans Casework. Vos données n’ont pas changé; réessayez.', offline: 'Le cœur de Casework ne répond pas. Est-il toujours en marche?',
    notAvailable: 'Cette partie de Casework n’est pas encore offerte dans cette version.',
    code: {
      invalid_input: 'Des renseignements manquent ou ne sont pas dans la forme attendue.', not_found: 'Cet élément n’existe plus; il a peut-être été supprimé.',
      conflict: 'Quelqu’un a modifié ceci en même temps.', forbidden: 'Vous n’êtes pas autorisé à faire ceci.', wrong_key: 'Cette phrase de passe n’ouvre pas ce coffre.',
      vault_exists: 'Un coffre existe déjà ici.', vault_missing: 'Il n’y a pas encore de coffre ici.', keystore_unavailable: 'Le trousseau du système n’est pas disponible sur cet ordinateur.',
      corrupt: 'Le fichier du coffre semble endommagé. Restaurez-le à partir d’une sauvegarde.', invalid_transition: 'Un dossier ne peut pas passer à ce statut depuis son statut actuel.',
    },
  },
  nav: { label: 'Principal', today: 'Aujourd’hui', cases: 'Dossiers', search: 'Recherche', rules: 'Règles', sync: 'Synchronisation', admin: 'Administration', settings: 'Paramètres', lock: 'Verrouiller' },
  unlock: {
    title: 'Déverrouiller votre coffre', intro: 'Vos dossiers sont chiffrés sur cet ordinateur. Entrez votre phrase de passe pour les ouvrir.',
    createTitle: 'Bienvenue dans Casework', createIntro: 'Créez sur cet ordinateur un coffre chiffré pour les dossiers et documents de votre cabinet.',
    orgName: 'Nom du cabinet', passphrase: 'Phrase de passe', confirm: 'Phrase de passe (confirmation)', mismatch: 'Les deux phrases de passe ne sont pas identiques.',
    unlock: 'Déverrouiller', create: 'Créer le coffre', keyNote: 'Personne ne peut récupérer une phrase de passe oubliée : conservez-la en lieu sûr.', firmNote: 'Vous rejoignez un cabinet? Créez d’abord votre coffre, puis reliez-le au serveur du cabinet depuis Synchronisation.',
  },
  today: {
    title: 'Aujourd’hui', tasks: 'Tâches de la semaine ou en retard', overdue: 'en retard depuis le {{date}}', deadlines: 'Échéances', recent: 'Dossiers récents', sync: 'Synchronisation', syncSolo: 'Ce coffre fonctionne seul. Reliez-le au serveur de votre cabinet depuis Synchronisation.', syncPending_one: '{{count}} modification en attente d’envoi', syncPending_other: '{{count}} modifications en attente d’envoi', syncConflicts_one: '{{count}} conflit à régler', syncConflicts_other: '{{count}} conflits à régler', syncUpToDate: 'Tout est envoyé.', noTasks: 'Rien à faire cette semaine.',
    noDeadlines: 'Aucun document n’expire dans les 60 prochains jours.', noCases: 'Aucun dossier pour l’instant.', openCases: 'Ouvrir un dossier', expired: 'expiré le {{date}}', expires: 'expire le {{date}}',
  },
  cases: {
    consultant: 'Conseiller', anyConsultant: 'Les dossiers de tous', mine: 'Mes dossiers',
    title: 'Dossiers', new: 'Nouveau dossier', create: 'Créer le dossier', search: 'Rechercher des dossiers', searchPlaceholder: 'Nom du client ou numéro de dossier…',
    status: 'Statut', priority: 'Priorité', type: 'Type', sort: 'Trier par', client: 'Client', number: 'Numéro de dossier',
    anyStatus: 'Tous les statuts', anyPriority: 'Toutes les priorités', anyType: 'Tous les types', count_one: '{{count}} dossier', count_other: '{{count}} dossiers',
    empty: 'Aucun dossier pour l’instant. Créez votre premier dossier avec « Nouveau dossier ».', noMatch: 'Aucun dossier ne correspond à ces filtres.',
    sortBy: { updated_at: 'Dernière modification', case_number: 'Numéro de dossier', client: 'Client', priority: 'Priorité', status: 'Statut' },
  },
  case: {
    sections: 'Sections du dossier', details: 'Détails', fees: 'Honoraires', paid: 'payé', program: 'Programme', moveTo: 'Passer à', change: 'Changer le statut',
    province: 'Province de destination', edit: 'Modifier les détails', save: 'Enregistrer les détails', cancel: 'Annuler', noChange: 'Rien n’a changé.',
    timeline: 'Chronologie', noEvents: 'Rien ne s’est encore passé dans ce dossier.',
    tab: { overview: 'Aperçu', people: 'Personnes', tasks: 'Tâches et liste de contrôle', timeline: 'Chronologie', communications: 'Communications', appointments: 'Rendez-vous', money: 'Finances', documents: 'Documents', crs: 'SCG et admissibilité' },
  },
  people: { title: 'Personnes au dossier', add: 'Ajouter une personne', firstName: 'Prénom', lastName: 'Nom', relationship: 'Lien', dateOfBirth: 'Date de naissance', email: 'Courriel', save: 'Ajouter la personne' },
  relationship: { primary: 'Demandeur principal', spouse: 'Époux ou conjoint', child: 'Enfant', dependent: 'Personne à charge', parent: 'Parent', sibling: 'Frère ou sœur', other: 'Autre' },
  comms: {
    empty: 'Aucun message ni note dans ce dossier pour l’instant.',
    type: { email: 'Courriel', sms: 'Texto', chat: 'Clavardage', call: 'Appel', meeting: 'Réunion', letter: 'Lettre', note: 'Note' },
    direction: { inbound: 'du client', outbound: 'au client', internal: 'interne' },
  },
  appointments: {
    empty: 'Aucun rendez-vous pour ce dossier.',
    status: { scheduled: 'Prévu', confirmed: 'Confirmé', completed: 'Terminé', cancelled: 'Annulé', no_show: 'Absence', rescheduled: 'Reporté' },
  },
  money: {
    fees: 'Honoraires', total: 'Honoraires totaux', paid: 'Payé', invoices: 'Factures', payments: 'Paiements', noInvoices: 'Aucune facture pour l’instant.', noPayments: 'Aucun paiement enregistré.',
    invoiceStatus: { draft: 'Brouillon', sent: 'Envoyée', paid: 'Payée', overdue: 'En retard', cancelled: 'Annulée' },
    status: { pending: 'En attente', completed: 'Reçu', failed: 'Échoué', refunded: 'Remboursé' },
  },
  tasks: { title: 'Tâches', empty: 'Aucune tâche pour l’instant.', new: 'Nouvelle tâche', due: 'Échéance', add: 'Ajouter' },
  checklist: { title: 'Liste de contrôle', empty: 'Ce type de dossier n’a pas de liste de contrôle.' },
  docs: {
    title: 'Documents', drop: 'Déposez des fichiers ici, ou cliquez pour choisir', choose: 'Choisir des fichiers à ajouter', uploading: 'Ajout des fichiers', empty: 'Aucun document pour l’instant. Déposez un scan ou un PDF ci-dessus.',
    reading: 'Lecture de {{title}}', viewer: 'Document', versions_one: '{{count}} version', versions_other: '{{count}} versions', confidence: 'Confiance de la ROC {{value}} %',
    looksLike: 'ressemble à : {{type}}', mrz: 'Zone du passeport lue :', approve: 'Appliquer à la personne', text: 'Texte', noText: 'Pas encore de texte.', versionsTitle: 'Versions',
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
  program: { express_entry: 'Entrée express', temporary_residence: 'Résidence temporaire', provincial_nominee: 'Programme des candidats des provinces', debt_advice: 'Conseil en endettement', home_care: 'Soins à domicile' },
  province: { AB: 'Alberta', BC: 'Colombie-Britannique', MB: 'Manitoba', NB: 'Nouveau-Brunswick', NL: 'Terre-Neuve-et-Labrador', NS: 'Nouvelle-Écosse', NT: 'Territoires du Nord-Ouest', NU: 'Nunavut', ON: 'Ontario', PE: 'Île-du-Prince-Édouard', QC: 'Québec', SK: 'Saskatchewan', YT: 'Yukon' },
  priority: { low: 'Basse', normal: 'Normale', high: 'Haute', urgent: 'Urgente' },
  search: {
    title: 'Recherche', placeholder: 'Rechercher dossiers, personnes, documents et lois…', results: 'Résultats', none: 'Aucun résultat.',
    lexicalOnly: 'Recherche par mots seulement : aucun modèle sémantique (plongements) n’est installé.', kind: { case: 'Dossier', person: 'Personne', document: 'Document', law: 'Loi' },
  },
  rules: { proposals: 'Modifications proposées', approved: 'Règles approuvées', proposalsNotAvailable: 'L’examen des modifications de règles n’est pas encore offert dans cette version; utilisez « casework rules » en attendant.', noProposals: 'Aucune modification proposée en attente d’examen.', changes: 'Ce qui changerait', field: 'Champ', before: 'Actuel', after: 'Proposé', notes: 'Notes d’examen (requises pour refuser)', approve: 'Approuver', reject: 'Refuser', title: 'Règles en vigueur', intro: 'Grilles de points et exigences sous forme de données, avec leurs dates d’application.', rule: 'Règle', version: 'Version', from: 'Du', until: 'Au' },
  sync: {
    title: 'Synchronisation', notAvailable: 'La synchronisation avec un serveur de cabinet n’est pas encore offerte dans cette version. Votre travail reste en sécurité sur cet ordinateur.',
    server: 'Serveur', device: 'Cet appareil', pending: 'Modifications en attente d’envoi', lastPush: 'Dernier envoi', lastPull: 'Dernière réception', never: 'jamais',
    now: 'Synchroniser', running: 'Synchronisation…', conflicts: 'Conflits et modifications refusées', noConflicts: 'Aucun conflit. Tout concorde avec le serveur.',
    rejected: 'Refusé par le serveur :', mine: 'La mienne (cet ordinateur)', theirs: 'La leur (le serveur)', keepMine: 'Garder la mienne', keepTheirs: 'Garder la leur', edit: 'Modifier…',
    newValue: 'Valeur à garder', useValue: 'Utiliser cette valeur',
    connect: 'Se connecter à votre cabinet', connectIntro: 'Connectez-vous au serveur Casework de votre cabinet pour partager des dossiers avec vos collègues. Vos dossiers restent chiffrés sur cet ordinateur.',
    serverUrl: 'Adresse du serveur', email: 'Courriel', password: 'Mot de passe', login: 'Se connecter',
  },
  admin: {
    title: 'Administration', notAvailable: 'Pas encore offert dans cette version.', users: 'Utilisateurs et rôles', noUsers: 'Aucun utilisateur pour l’instant.', inactive: 'inactif',
    devices: 'Appareils', noDevices: 'Aucun appareil ne s’est connecté.', lastSeen: 'vu le {{date}}', revoked: 'révoqué', revoke: 'Révoquer',
    audit: 'Journal d’audit', auditSearch: 'Rechercher dans le journal d’audit', noAudit: 'Aucune entrée ne correspond.', when: 'Quand', who: 'Qui', what: 'Quoi',
    chainOk: 'Chaîne vérifiée : {{count}} entrées, aucune modifiée.', chainBroken: 'La chaîne est rompue à l’entrée {{seq}} : le journal a été modifié.',
  },
  backup: {
    title: 'Sauvegarde', intro: 'Une copie chiffrée de tout le coffre (dossiers, documents, paramètres), vérifiée après écriture. Gardez-la sur un autre disque; restaurez-la avec `casework restore` et la phrase de passe choisie ici.',
    file: 'Fichier de sauvegarde', passphrase: 'Phrase de passe de la sauvegarde', again: 'Phrase de passe de la sauvegarde, encore', now: 'Sauvegarder maintenant', running: 'Sauvegarde en cours…', done: 'Sauvegarde écrite et vérifiée : {{file}} ({{size}} Mo).',
  },
  settings: {
    title: 'Paramètres', window: 'Cette fenêtre', vault: 'Ce coffre', language: 'Langue', theme: 'Thème', light: 'Clair', dark: 'Sombre',
    ocr: 'Les documents sont lus sur cet ordinateur; rien n’est envoyé ailleurs. Un document peut être relu dans d’autres langues depuis sa page.',
    ocrLanguages: 'Lire les nouveaux documents en', ocrChoice: { eng: 'anglais', fra: 'français', 'eng+fra': 'anglais et français' },
    keyStore: 'Stockage de la clé', store: { passphrase: 'Phrase de passe (la clé en est dérivée et n’est jamais écrite sur le disque)', keychain: 'Trousseau de cet ordinateur', safeStorage: 'Stockage protégé de cet ordinateur' },
    embedding: 'Modèle de recherche par le sens', embeddingNone: 'Aucun modèle installé : la recherche porte sur les mots.',
    pendingEmbeddings_one: '{{count}} texte reste à indexer avec ce modèle.', pendingEmbeddings_other: '{{count}} textes restent à indexer avec ce modèle.',
    modelFolder: 'Installer un modèle depuis un dossier de cet ordinateur', install: 'Installer', installing: 'Vérification et installation du modèle…',
    vaultFolder: 'Dossier du coffre', signedInAs: 'Connecté en tant que',
  },
};
